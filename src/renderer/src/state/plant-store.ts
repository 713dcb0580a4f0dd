import { create } from 'zustand';

interface PlantState {
  /** Shown in the top bar and the window title; known before login from 'setup.status'. */
  plantName: string;
  setPlantName: (plantName: string) => void;
}

export const usePlant = create<PlantState>()((set) => ({
  plantName: '',
  setPlantName: (plantName) => {
    document.title = plantName ? `Linewatch · ${plantName}` : 'Linewatch';
    set({ plantName });
  },
}));
